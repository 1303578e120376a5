// How the docs' code samples and the @inboxkit/mock snippet create the Nimchat clients, one per API
// of the spec's x-inboxkit.apis (format: ../clients.mjs). An Application API operation uses the
// user-token client (an agent bot's token is accepted by only five of them).
/** @type {import("../clients.mjs").VendorClients} */
export default {
  clients: [
    {
      api: "platform",
      factory: "createNimchatPlatformClient",
      variable: "platform",
      options: { baseUrl: "https://chat.example.com", platformToken: { env: "NIMCHAT_PLATFORM_TOKEN", placeholder: "platform-app-token" } },
      curl: `-H "api_access_token: $NIMCHAT_PLATFORM_TOKEN"`,
    },
    {
      api: "application",
      schemes: ["userApiKey"],
      factory: "createNimchatClient",
      variable: "nimchat",
      options: { baseUrl: "https://chat.example.com", accountId: 1, userToken: { env: "NIMCHAT_TOKEN", placeholder: "user-access-token" } },
      curl: `-H "api_access_token: $NIMCHAT_TOKEN"`,
    },
    {
      api: "public",
      factory: "createNimchatPublicClient",
      variable: "chat",
      options: { baseUrl: "https://chat.example.com", inboxIdentifier: "Fq1LrWmpJEbD4Xs4yV1sPbWN" },
    },
  ],
};
