// How the docs' code samples and the @inboxkit/mock snippet create a Helpwise client (format: ../clients.mjs).
/** @type {import("../clients.mjs").VendorClients} */
export default {
  clients: [
    {
      factory: "createHelpwiseClient",
      variable: "helpwise",
      options: {
        apiKey: { env: "HELPWISE_API_KEY", placeholder: "hwk_123" },
        apiSecret: { env: "HELPWISE_API_SECRET", placeholder: "hws_456" },
      },
      curl: `-H "Authorization: $HELPWISE_API_KEY:$HELPWISE_API_SECRET"`,
    },
  ],
};
