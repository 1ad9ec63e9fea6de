#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so `npx dermclaims` works from the checkout.
require('tsx/cjs');
require('../src/cli/main.ts');
