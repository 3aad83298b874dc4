/**
 * A tiny WebAssembly binary encoder: just the sections and instructions Coral's hand-written kernels
 * need (type, import of a memory, function, export, code; control flow, locals, loads and stores,
 * integer arithmetic). Kernels are written as readable instruction lists in TypeScript and turned into
 * bytes here, so the repository holds no opaque binary and needs no assembler. Every instruction also
 * carries its WebAssembly text form, so a module can be printed as `.wat` for review.
 */

/** A WebAssembly value type. */
export type ValueType = 'i32' | 'i64';

const valueTypeCode: Record<ValueType, number> = { i32: 0x7f, i64: 0x7e };

/** One instruction: its bytes and its text form. A comment has no bytes. */
export interface Instruction {
  readonly bytes: readonly number[];
  readonly text: string;
}

/** A named local (parameters first, then declared locals), as `local.get` and `local.set` take it. */
export interface Local {
  readonly index: number;
  readonly name: string;
  readonly type: ValueType;
}

/**
 * An unsigned integer in LEB128 (little-endian base 128, high bit = more bytes follow).
 *
 * @example
 * unsignedLeb128(624485); // [0xe5, 0x8e, 0x26]
 */
export function unsignedLeb128(value: number): number[] {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Not an unsigned integer: ${value}`);
  const bytes: number[] = [];
  let rest = value;
  do {
    const low = rest % 128;
    rest = Math.floor(rest / 128);
    bytes.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return bytes;
}

/**
 * A signed integer in LEB128 (two's complement; the last byte's bit 6 is the sign).
 *
 * @example
 * signedLeb128(-123456); // [0xc0, 0xbb, 0x78]
 */
export function signedLeb128(value: number | bigint): number[] {
  const bytes: number[] = [];
  let rest = BigInt(value);
  for (;;) {
    const low = Number(rest & 0x7fn);
    rest >>= 7n; // arithmetic shift: keeps the sign
    const done = (rest === 0n && (low & 0x40) === 0) || (rest === -1n && (low & 0x40) !== 0);
    bytes.push(done ? low : low | 0x80);
    if (done) return bytes;
  }
}

function simple(code: number, text: string): Instruction {
  return { bytes: [code], text };
}

/** `align` is log2 of the natural alignment; `offset` is added to the address. */
function memoryAccess(code: number, text: string, align: number, offset: number): Instruction {
  return {
    bytes: [code, ...unsignedLeb128(align), ...unsignedLeb128(offset)],
    text: offset === 0 ? text : `${text} offset=${offset}`,
  };
}

const blockTypeEmpty = 0x40;

/** The instructions the kernels use, named as in the text format (`i64.popcnt` → `i64Popcnt`). */
export const op = {
  comment: (text: string): Instruction => ({ bytes: [], text: `;; ${text}` }),
  block: (label: string): Instruction => ({ bytes: [0x02, blockTypeEmpty], text: `block $${label}` }),
  loop: (label: string): Instruction => ({ bytes: [0x03, blockTypeEmpty], text: `loop $${label}` }),
  if: (): Instruction => ({ bytes: [0x04, blockTypeEmpty], text: 'if' }),
  end: (): Instruction => simple(0x0b, 'end'),
  /** Branch to the `depth`-th enclosing block (0 = innermost); the label is for the reader. */
  br: (depth: number, label: string): Instruction => ({
    bytes: [0x0c, ...unsignedLeb128(depth)],
    text: `br ${depth} ;; $${label}`,
  }),
  brIf: (depth: number, label: string): Instruction => ({
    bytes: [0x0d, ...unsignedLeb128(depth)],
    text: `br_if ${depth} ;; $${label}`,
  }),
  /** Calls the module's `index`-th function; the name is for the reader. */
  call: (index: number, name: string): Instruction => ({
    bytes: [0x10, ...unsignedLeb128(index)],
    text: `call ${index} ;; $${name}`,
  }),
  localGet: (local: Local): Instruction => ({
    bytes: [0x20, ...unsignedLeb128(local.index)],
    text: `local.get $${local.name}`,
  }),
  localSet: (local: Local): Instruction => ({
    bytes: [0x21, ...unsignedLeb128(local.index)],
    text: `local.set $${local.name}`,
  }),
  /** Sets the local and leaves the value on the stack. */
  localTee: (local: Local): Instruction => ({
    bytes: [0x22, ...unsignedLeb128(local.index)],
    text: `local.tee $${local.name}`,
  }),
  i32Load: (offset = 0) => memoryAccess(0x28, 'i32.load', 2, offset),
  i64Load: (offset = 0) => memoryAccess(0x29, 'i64.load', 3, offset),
  i32Store: (offset = 0) => memoryAccess(0x36, 'i32.store', 2, offset),
  i32Const: (value: number): Instruction => ({
    bytes: [0x41, ...signedLeb128(value)],
    text: `i32.const ${value}`,
  }),
  i64Const: (value: bigint): Instruction => ({
    bytes: [0x42, ...signedLeb128(value)],
    text: `i64.const ${value}`,
  }),
  i32LtU: () => simple(0x49, 'i32.lt_u'),
  i32GeU: () => simple(0x4f, 'i32.ge_u'),
  i32Add: () => simple(0x6a, 'i32.add'),
  i32Sub: () => simple(0x6b, 'i32.sub'),
  i32Mul: () => simple(0x6c, 'i32.mul'),
  i32And: () => simple(0x71, 'i32.and'),
  i32Shl: () => simple(0x74, 'i32.shl'),
  i32ShrU: () => simple(0x76, 'i32.shr_u'),
  i64Popcnt: () => simple(0x7b, 'i64.popcnt'),
  i64Add: () => simple(0x7c, 'i64.add'),
  i64And: () => simple(0x83, 'i64.and'),
  i32WrapI64: () => simple(0xa7, 'i32.wrap_i64'),
};

/** A function to encode, exported under its name. */
export interface FunctionDefinition {
  readonly name: string;
  readonly params: readonly Local[];
  readonly locals: readonly Local[];
  readonly result: ValueType;
  readonly body: readonly Instruction[];
}

/**
 * A module: one memory, imported (so that several modules can share it, and the caller owns and grows
 * it), and exported functions.
 */
export interface ModuleDefinition {
  readonly memory: {
    /** The import's two-level name, as `instantiate(module, { [module]: { [name]: memory } })`. */
    readonly module: string;
    readonly name: string;
    /** The least size the imported memory must have, in 64 KiB pages. */
    readonly minimumPages: number;
  };
  readonly functions: readonly FunctionDefinition[];
}

/**
 * Names locals in order, parameters first: `declareLocals(0, { query: 'i32' }).query.index === 0`.
 */
export function declareLocals<const T extends Record<string, ValueType>>(
  firstIndex: number,
  types: T,
): { readonly [K in keyof T]: Local } {
  const entries = Object.entries(types).map(([name, type], i) => [
    name,
    { index: firstIndex + i, name, type },
  ]);
  // Object.fromEntries loses the key types; the entries above are exactly the keys of T.
  return Object.fromEntries(entries) as { [K in keyof T]: Local };
}

const utf8 = new TextEncoder();

function vector(items: readonly (readonly number[])[]): number[] {
  return [...unsignedLeb128(items.length), ...items.flat()];
}

/** A name (of an export, an import, a module): its UTF-8 length, then its bytes. */
export function name(text: string): number[] {
  const bytes = [...utf8.encode(text)];
  return [...unsignedLeb128(bytes.length), ...bytes];
}

/** A section of a module: its id, then the length of its content, then the content. */
export function section(id: number, content: readonly number[]): number[] {
  return [id, ...unsignedLeb128(content.length), ...content];
}

function functionType(fn: FunctionDefinition): number[] {
  const params = fn.params.map((local) => [valueTypeCode[local.type]]);
  return [0x60, ...vector(params), ...vector([[valueTypeCode[fn.result]]])];
}

function functionCode(fn: FunctionDefinition): number[] {
  // Locals are declared one group per local; the decoder does not care whether runs are merged.
  const locals = vector(fn.locals.map((local) => [1, valueTypeCode[local.type]]));
  const body = [...locals, ...fn.body.flatMap((instruction) => instruction.bytes), 0x0b];
  return [...unsignedLeb128(body.length), ...body];
}

/**
 * The binary of a module: magic and version, then the type (1), import (2), function (3), export (7)
 * and code (10) sections. Function i has type i.
 *
 * @example
 * const module = new WebAssembly.Module(encodeModule(definition));
 */
export function encodeModule(definition: ModuleDefinition): Uint8Array {
  const { functions, memory } = definition;
  const kind = { function: 0x00, memory: 0x02 };
  const limitsMinimumOnly = 0x00;
  const memoryImport = [
    ...name(memory.module),
    ...name(memory.name),
    kind.memory,
    limitsMinimumOnly,
    ...unsignedLeb128(memory.minimumPages),
  ];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d], // "\0asm"
    ...[0x01, 0x00, 0x00, 0x00], // version 1
    ...section(1, vector(functions.map(functionType))),
    ...section(2, vector([memoryImport])),
    ...section(3, vector(functions.map((_, i) => unsignedLeb128(i)))),
    ...section(7, vector(functions.map((fn, i) => [...name(fn.name), kind.function, ...unsignedLeb128(i)]))),
    ...section(10, vector(functions.map(functionCode))),
  ];
  return Uint8Array.from(bytes);
}

function indentation(depth: number): string {
  return '  '.repeat(depth);
}

/**
 * The module in WebAssembly text format (`.wat`), from the same instruction lists as the binary.
 *
 * @example
 * writeFileSync('dice.wat', moduleText(definition));
 */
export function moduleText(definition: ModuleDefinition): string {
  const { memory } = definition;
  const lines = ['(module', `  (import "${memory.module}" "${memory.name}" (memory ${memory.minimumPages}))`];
  for (const fn of definition.functions) {
    const params = fn.params.map((local) => `(param $${local.name} ${local.type})`).join(' ');
    lines.push(`  (func $${fn.name} (export "${fn.name}") ${params} (result ${fn.result})`);
    for (const local of fn.locals) lines.push(`    (local $${local.name} ${local.type})`);
    let depth = 2;
    for (const instruction of fn.body) {
      if (instruction.text === 'end') depth--;
      lines.push(`${indentation(depth)}${instruction.text}`);
      if (/^(block|loop|if)\b/.test(instruction.text)) depth++;
    }
    lines.push('  )');
  }
  lines.push(')');
  return `${lines.join('\n')}\n`;
}
