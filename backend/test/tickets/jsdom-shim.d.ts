// The little of jsdom (a dependency of the Mini App's tests, without bundled types) that
// receipt.test.ts uses: a strict XML parse of the receipt's SVG.
declare module 'jsdom' {
  interface XmlElement {
    readonly tagName: string;
    readonly textContent: string | null;
    getAttribute(name: string): string | null;
  }
  interface XmlDocument {
    readonly documentElement: XmlElement;
    getElementsByTagName(name: string): { readonly length: number; readonly [i: number]: XmlElement };
  }
  export class JSDOM {
    constructor(text: string, options?: { contentType?: string });
    readonly window: { readonly document: XmlDocument };
  }
}
