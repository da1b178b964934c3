// Integration and e2e suites talk to real servers. They are started by infra/test.sh, which
// exports their addresses; running these suites without them is an error, never a silent skip.
for (const name of ['TEMPORAL_ADDRESS', 'MONGODB_URI', 'SMTP_URL', 'MAIL_SINK_API']) {
  if (!process.env[name]) {
    throw new Error(`${name} is not set: run the suites through 'npm test' (infra/test.sh), which starts the servers`);
  }
}
