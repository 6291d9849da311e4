import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False during server render and before hydration. Forms that only work with JavaScript keep
 * their submit disabled until then, so an early click cannot fall back to a native GET.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
