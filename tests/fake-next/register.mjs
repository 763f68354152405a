// `node --import ./tests/fake-next/register.mjs`: `import('next')` gives tests/fake-next/next.mjs
// instead, in this process and in the cluster workers it forks (they inherit execArgv), so
// scripts/serve.mjs's processes can be tested without a build of the app.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
