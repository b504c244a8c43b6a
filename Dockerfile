# Affinity as a container image: one image for every role (docs/operations.md).
#   docker build -t affinity .
#   docker run -e AFFINITY_REDIS_CLUSTER=10.0.0.5:7000 -p 8787:8787 affinity serve --role recommend
# tsx is a runtime dependency (the TypeScript sources run as they are, no build step), so the
# production install has everything the server needs.
FROM node:20-slim

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    AFFINITY_STORE=redis \
    AFFINITY_DB=/data/affinity.db

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY data/intent ./data/intent

RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8787
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8787) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["node", "--max-semi-space-size=64", "--import", "tsx", "src/cli/main.ts"]
CMD ["serve"]
