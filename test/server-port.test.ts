import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start` on a port another program holds: one clear line and exit code 1, not a raw stack.
describe('npm start on a taken port', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'onex-port-'));
  const blocker = net.createServer();
  afterAll(async () => {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says in Chinese and English that the port is in use and how to pick another', async () => {
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as net.AddressInfo).port;
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_PASSWORD: 'admin-pass-123', SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    const lines = stderr.split('\n').filter((l) => l.trim() && !l.includes('unexpected operator'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`端口 ${port} 已被占用`);
    expect(lines[0]).toContain('PORT=');
    expect(stderr).not.toContain('EADDRINUSE');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
