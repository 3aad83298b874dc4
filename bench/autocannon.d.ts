/** The part of autocannon's API the benchmarks use (the package ships no types). */
declare module 'autocannon' {
  interface Histogram {
    average: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    non2xx: number;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    /** Requests sent in turn on each connection. */
    requests?: Array<{ method: string; path: string }>;
  }
  // biome-ignore lint/style/noDefaultExport: the package's own shape (a CommonJS function)
  export default function autocannon(options: Options): Promise<Result>;
}
