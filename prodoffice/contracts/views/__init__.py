"""The contract pages: the desk, a contract, bulk jobs, signing, and the public verifier."""
