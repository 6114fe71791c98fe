import { useEffect, useState } from 'react';
import { isInsideZalo } from '../../services/zalo/env.ts';
import { readLaunchParams, readUrlParams, type LaunchParams } from '../../services/zalo/route.ts';

/** The token and kiosk flag: from the URL at once, then from zmp-sdk when inside Zalo. */
export function useLaunchParams(): { readonly params: LaunchParams; readonly ready: boolean } {
  const inZalo = isInsideZalo();
  const [params, setParams] = useState<LaunchParams>(() => readUrlParams());
  const [ready, setReady] = useState(!inZalo);
  useEffect(() => {
    if (!inZalo) return;
    let live = true;
    void readLaunchParams().then((read) => {
      if (!live) return;
      setParams(read);
      setReady(true);
    });
    return () => {
      live = false;
    };
  }, [inZalo]);
  return { params, ready };
}
