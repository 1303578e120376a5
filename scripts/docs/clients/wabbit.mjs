// How the docs' code samples and the @inboxkit/mock snippet create a wabbit client (format: ../clients.mjs).
/** @type {import("../clients.mjs").VendorClients} */
export default {
  clients: [
    {
      factory: "createWabbitClient",
      variable: "wabbit",
      options: {
        baseUrl: "https://inbox.example.com",
        username: { env: "WABBIT_USERNAME", placeholder: "bot" },
        password: { env: "WABBIT_PASSWORD", placeholder: "YOUR_PASSWORD" },
      },
      curl: `-H "Authorization: Token $WABBIT_TOKEN"`,
    },
  ],
};
