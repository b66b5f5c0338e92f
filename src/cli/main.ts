/** Entry point of the `lotta` command line; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  console.log('lotta', argv.join(' '));
  return 0;
}
