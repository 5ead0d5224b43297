import { useEffect, useRef } from 'react';
import { useRunSocket } from '../../shared/api/ApiProvider';
import type { FeedMessage } from '../../shared/api/types';

/** Calls `onUpdate` for each run status change in the workspace (WebSocket feed). */
export function useRunFeed(onUpdate: (message: FeedMessage) => void): void {
  const socket = useRunSocket();
  const callback = useRef(onUpdate);
  useEffect(() => {
    callback.current = onUpdate;
  });
  useEffect(() => socket.subscribeFeed((m) => callback.current(m)), [socket]);
}
