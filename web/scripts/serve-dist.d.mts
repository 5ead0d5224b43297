import type { Server } from 'node:http';

export function startDistServer(options: {
  backend: string;
  dist: string;
  port?: number;
  host?: string;
}): Promise<{ server: Server; url: string }>;
