/** Exits once stdout and stderr are flushed: `process.exit` alone can cut output to a pipe short. */
export function exitWhenFlushed(code: number): void {
    process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
