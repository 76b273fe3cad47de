# syntax=docker/dockerfile:1
# One image recipe for both services: docker build --build-arg APP=post-cmd|post-query .
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches patches
# No dependency's install scripts; our own fixes to dependencies (patches/README.md) are applied.
RUN npm ci --ignore-scripts && npx patch-package
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
ARG APP
RUN test -n "$APP" && npx nest build "$APP" && npm prune --omit=dev

FROM node:24-bookworm-slim
ARG APP
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    MAIN=dist/apps/${APP}/src/main.js
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist/apps/${APP} dist
USER node
CMD ["sh", "-c", "exec node \"$MAIN\""]
