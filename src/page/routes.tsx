/** The search page, server-rendered (works without JavaScript). */
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

export const page = new Hono<AppEnv>();

page.get('/', (c) => c.html('<!doctype html><title>News search</title><p>Search: <a href="/api/search?q=войск">/api/search?q=войск</a></p>'));
