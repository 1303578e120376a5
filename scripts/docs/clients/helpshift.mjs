// How the docs' code samples and the @inboxkit/mock snippet create a Helpshift client (format: ../clients.mjs).
/** @type {import("../clients.mjs").VendorClients} */
export default {
  clients: [
    {
      factory: "createHelpshiftClient",
      variable: "helpshift",
      options: {
        apiKey: { env: "HELPSHIFT_API_KEY", placeholder: "test-api-key-123" },
        domain: "acme",
      },
      curl: `-u "$HELPSHIFT_API_KEY:"`,
    },
  ],
};
