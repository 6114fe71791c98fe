/** Back to the top of the rating screen: zmp-ui's Page scrolls inside itself, not the window. */
export function scrollToTop(): void {
  const page = document.querySelector<HTMLElement>('.rate-page');
  if (page) page.scrollTop = 0;
  else window.scrollTo?.(0, 0);
}
