# cognito-mock: a local mock of Amazon Cognito for M2M auth. For development and testing only.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
# Everything `npm run build` reads: tsc's configs and sources, and the esbuild script for the CLI.
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM node:20-slim
ENV NODE_ENV=development \
    COGNITO_MOCK_HOST=0.0.0.0 \
    COGNITO_MOCK_PORT=9330 \
    COGNITO_MOCK_DATA=/data/db.json
WORKDIR /app
# dist/cli.js and its lazily loaded chunks are one esbuild bundle that already holds koa,
# @koa/router, lowdb and jose (scripts/bundle-cli.mjs), so the image needs no node_modules.
# package.json stays for "type": "module"; the built-in fixtures are found next to dist/.
COPY package.json ./
COPY --from=build /app/dist/cli.js /app/dist/cli.js.LEGAL.txt ./dist/
COPY --from=build /app/dist/cli-chunks ./dist/cli-chunks
COPY fixtures ./fixtures
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 9330
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:9330/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/cli.js"]
