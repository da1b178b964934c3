import { runCli } from './program';

runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('handover:', error instanceof Error ? error.message : error);
    process.exitCode = 3;
  },
);
