import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { MULTI, NGINX_URL, SERVER_NAMES } from './config';
import { recordPid } from './state';

// Debian's nginx as the load balancer in front of the two servers (decision 048's upstream): round robin, on
// 127.0.0.1 only, with its prefix, configuration, logs and temporary files under the run's own folder. It runs
// in the foreground (`daemon off`) as a child of the global setup, and the teardown stops it by its pid.

const prefix = () => path.join(MULTI.dir, 'nginx');

function config(): string {
  const p = prefix();
  const upstreams = SERVER_NAMES.map((n) => `    server 127.0.0.1:${MULTI.ports[n]};`).join('\n');
  return `daemon off;
worker_processes 1;
pid ${p}/nginx.pid;
error_log ${p}/error.log warn;
events { worker_connections 512; }
http {
  access_log ${p}/access.log;
  client_body_temp_path ${p}/client_body;
  proxy_temp_path ${p}/proxy;
  fastcgi_temp_path ${p}/fastcgi;
  uwsgi_temp_path ${p}/uwsgi;
  scgi_temp_path ${p}/scgi;
  client_max_body_size 64m;
  upstream fenghuo {
${upstreams}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${MULTI.nginxPort};
    location / {
      proxy_pass http://fenghuo;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      # As decision 048's example, but with $http_host (host and port): here the port is not the default
      # one, and the Origin of an upload or a server action names it.
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_buffering off;
      proxy_read_timeout 300s;
      # Which server answered: the spec checks that round robin reached both.
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

/** Starts nginx and waits until it answers on its port; returns its pid. */
export async function startNginx(): Promise<number> {
  const p = prefix();
  fs.rmSync(p, { recursive: true, force: true });
  fs.mkdirSync(p, { recursive: true });
  fs.writeFileSync(path.join(p, 'nginx.conf'), config());
  // Running as root, nginx's workers drop to `nobody`: they must be able to write their temporary files.
  for (const d of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(p, d), { mode: 0o777 });
  const out = fs.openSync(path.join(p, 'stderr.log'), 'a');
  const child = spawn('nginx', ['-p', p, '-c', path.join(p, 'nginx.conf'), '-e', path.join(p, 'error.log')], {
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  child.unref();
  const pid = child.pid!;
  recordPid('nginx', pid);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await fetch(`${NGINX_URL}/api/health`).catch(() => null);
    if (res) return pid;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`nginx did not start:\n${fs.readFileSync(path.join(p, 'error.log'), 'utf8').slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
