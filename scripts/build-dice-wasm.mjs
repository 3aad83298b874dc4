// Prints the Dice kernel (src/linkage/wasm/dice-module.ts) in WebAssembly text format, for reading and
// review; the binary itself is built from the same instruction lists at run time, never stored.
// Usage: npx tsx scripts/build-dice-wasm.mjs [path/to/dice.wat]   (tsx: the module is TypeScript)
import { writeFileSync } from 'node:fs';
import { diceModuleBytes, diceModuleText } from '../src/linkage/wasm/dice-module.ts';

const text = diceModuleText();
const target = process.argv[2];
if (target === undefined) {
  process.stdout.write(text);
} else {
  writeFileSync(target, text);
  process.stderr.write(`Wrote ${target} (the binary is ${diceModuleBytes().length} bytes).\n`);
}
