import { runStandalone } from './run-standalone';

// `pnpm start` runs this from the package folder; relative paths mean the folder the user started in.
await runStandalone();
