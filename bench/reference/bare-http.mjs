// The cold-start reference: the smallest Node HTTP server. Usage: PORT=… node bare-http.mjs
import http from 'node:http';

http.createServer((_req, res) => res.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');
