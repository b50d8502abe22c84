// Runs the graphql-http server audits (GraphQL over HTTP) against a running hub.
// Every MUST has to pass; SHOULDs and MAYs that do not are printed, and README.md says
// why each one is not met. Usage: node audit.mjs http://127.0.0.1:PORT/graphql
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}

let passed = 0;
let failedMust = 0;
const notMet = [];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  if (result.status === 'ok') {
    passed += 1;
    continue;
  }
  const line = `${result.status.toUpperCase()} ${audit.id} ${audit.name}: ${result.reason}`;
  if (audit.name.startsWith('MUST')) {
    failedMust += 1;
    console.log(line);
  } else {
    notMet.push(line);
  }
}
for (const line of notMet) console.log(line);
console.log(`graphql-http: ${notMet.length} SHOULD/MAY audits not met (not failures)`);
console.log(`audit: ${passed} passed, ${failedMust} failed`);
process.exit(failedMust === 0 ? 0 : 1);
