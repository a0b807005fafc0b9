FROM node:22-bookworm-slim

ENV NODE_ENV=production
ENV PORT 3000

WORKDIR /home/node/app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .

# 1000:1000 is the "node" user and group the base image creates.
USER 1000:1000
EXPOSE ${PORT}
CMD ["node", "server.js"]
