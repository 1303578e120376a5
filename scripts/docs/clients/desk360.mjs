// How the docs' code samples and the @inboxkit/mock snippet create a Desk360 client (format: ../clients.mjs).
/** @type {import("../clients.mjs").VendorClients} */
export default {
  clients: [
    {
      factory: "createDesk360Client",
      variable: "desk360",
      options: {
        email: { env: "DESK360_EMAIL", placeholder: "ops@example.org" },
        password: { env: "DESK360_PASSWORD", placeholder: "YOUR_PASSWORD" },
      },
      curl: `-H "Authorization: Bearer $DESK360_TOKEN"`,
    },
  ],
};
