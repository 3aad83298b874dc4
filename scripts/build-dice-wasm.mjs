// Prints the Dice kernel (src/linkage/wasm/dice-module.ts) for one filter length in WebAssembly text
// format, for reading and review; the binary itself is built from the same instruction lists at run
// time, one module per filter length, never stored.
// Usage: npx tsx scripts/build-dice-wasm.mjs [bits] [path/to/dice.wat]   (bits: default 1024; tsx: the module is TypeScript)
import { writeFileSync } from 'node:fs';
import { diceModuleBytes, diceModuleText } from '../src/linkage/wasm/dice-module.ts';

const bits = Number(process.argv[2] ?? 1024);
if (!Number.isInteger(bits) || bits < 64 || (bits & (bits - 1)) !== 0) {
  process.stderr.write(
    `The filter length must be a power of two of at least 64 bits, not ${process.argv[2]}.\n`,
  );
  process.exit(1);
}
const text = diceModuleText(bits);
const target = process.argv[3];
if (target === undefined) {
  process.stdout.write(text);
} else {
  writeFileSync(target, text);
  process.stderr.write(`Wrote ${target} (the binary is ${diceModuleBytes(bits).length} bytes).\n`);
}
