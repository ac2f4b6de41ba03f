// What GraphiQL shows first: how to get a token and use it.
export const DEFAULT_QUERY = `# Welcome to Tally.
# 1. Run the signup (or login) mutation below.
# 2. Copy accessToken into the Headers tab as
#    {"Authorization": "Bearer <accessToken>"}
# 3. Query your data, e.g. { me { username } transactions(first: 10) { edges { node { date amount description } } } }

mutation Signup {
  signup(input: {username: "ada", email: "ada@example.com", password: "a long passphrase"}) {
    accessToken
    expiresAt
  }
}
`;
