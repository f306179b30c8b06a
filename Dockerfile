# The Riskdesk image: one image, two processes (api and worker), chosen by the command.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/temporal-binaries.js scripts/temporal-binaries.js
# The containers talk to the compose Temporal server: no local Temporal binaries are needed.
ENV TEMPORAL_SKIP_BINARIES=true
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/package.json package.json
USER node
EXPOSE 3000
CMD ["node", "dist/api/main.js"]
