/**
 * A per-release ε budget ledger: every differentially private release spends part of a budget, summed
 * exactly; a charge that would overspend it is refused and changes nothing.
 */
import {
  add,
  checkRational,
  type Exact,
  exceeds,
  formatRational,
  type Rational,
  reduce,
  subtract,
  toRational,
} from './rational.js';

/** One release's spending of ε. */
export interface LedgerEntry {
  /** What was released, e.g. 'Victims by year and sex, 2024'. */
  label: string;
  epsilon: Rational;
  /** When, as an ISO 8601 timestamp. */
  at: string;
}

/** A charge that would spend more ε than the budget has left. */
export class BudgetExceededError extends Error {
  override readonly name = 'BudgetExceededError';
  readonly requested: Rational;
  readonly remaining: Rational;

  constructor(label: string, requested: Rational, remaining: Rational) {
    super(
      `Releasing "${label}" with ε = ${formatRational(requested)} would exceed the privacy budget: ` +
        `only ε = ${formatRational(remaining)} is left. Use a smaller ε or release less.`,
    );
    this.requested = requested;
    this.remaining = remaining;
  }
}

/**
 * The ε a dataset's releases have spent, against its budget, in exact rational arithmetic (BigInt inside).
 * A charge that would exceed the budget is refused and changes nothing; the ledger never holds more
 * spending than its budget.
 *
 * @example
 * const ledger = new PrivacyLedger({ numerator: 1, denominator: 1 });
 * ledger.charge('Victims by year', parseEpsilon('0.25'), '2025-01-31T10:00:00Z');
 * formatRational(ledger.remaining()); // '3/4'
 */
export class PrivacyLedger {
  readonly #budget: Exact;
  #spent: Exact = { num: 0n, den: 1n };
  #entries: ReadonlyArray<Readonly<LedgerEntry>> = [];

  /** Throws a RangeError if the budget is not positive or the prior entries already spend more than it. */
  constructor(budget: Rational, entries: readonly LedgerEntry[] = []) {
    this.#budget = reduce(checkRational(budget, 'The budget', { positive: true }));
    for (const entry of entries) {
      this.#record(entry);
      if (exceeds(this.#spent, this.#budget)) {
        throw new RangeError(
          `The ledger's entries spend more than its budget of ε = ${formatRational(budget)} (at "${entry.label}").`,
        );
      }
    }
  }

  /**
   * The budget, reduced.
   *
   * @example
   * new PrivacyLedger({ numerator: 2, denominator: 4 }).budget(); // { numerator: 1, denominator: 2 }
   */
  budget(): Rational {
    return toRational(this.#budget) as Rational; // reduced from a Rational, so it fits
  }

  /**
   * The exact sum of the entries' ε, reduced.
   *
   * @example
   * ledger.spent(); // { numerator: 1, denominator: 4 }
   */
  spent(): Rational {
    return toRational(this.#spent) as Rational; // #record keeps it within safe integers
  }

  /**
   * Budget minus spent, reduced; { numerator: 0, denominator: 1 } when all is spent.
   *
   * @example
   * ledger.remaining(); // { numerator: 3, denominator: 4 }
   */
  remaining(): Rational {
    return toRational(subtract(this.#budget, this.#spent)) as Rational; // between 0 and the budget
  }

  /**
   * Records a release's ε and returns all entries, for storing; throws BudgetExceededError, changing
   * nothing, when the charge would spend more than is left.
   *
   * @example
   * ledger.charge('Victims by country', { numerator: 1, denominator: 10 }, '2025-02-01T09:00:00Z');
   */
  charge(label: string, epsilon: Rational, at: string): LedgerEntry[] {
    const requested = reduce(checkRational(epsilon, 'ε', { positive: true }));
    if (exceeds(add(this.#spent, requested), this.#budget)) {
      throw new BudgetExceededError(label, toRational(requested) as Rational, this.remaining()); // reduced ε
    }
    this.#record({ label, epsilon, at });
    return this.entries().map((entry) => ({ ...entry, epsilon: { ...entry.epsilon } }));
  }

  /**
   * The entries so far, oldest first.
   *
   * @example
   * ledger.entries().map((entry) => entry.label); // ['Victims by year']
   */
  entries(): ReadonlyArray<Readonly<LedgerEntry>> {
    return this.#entries;
  }

  #record(entry: LedgerEntry): void {
    const spent = add(this.#spent, checkRational(entry.epsilon, `ε of "${entry.label}"`, { positive: true }));
    if (toRational(spent) === undefined) {
      throw new RangeError(
        `Adding ε = ${formatRational(entry.epsilon)} makes a sum too fine to keep exactly; use ε with fewer digits.`,
      );
    }
    const frozen = Object.freeze({ ...entry, epsilon: Object.freeze({ ...entry.epsilon }) });
    this.#entries = Object.freeze([...this.#entries, frozen]);
    this.#spent = spent;
  }
}
