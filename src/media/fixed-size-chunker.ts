/** Cuts a byte stream of raw video into frames of a known size. */
export class FixedSizeChunker {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly frameBytes: number,
    private readonly onFrame: (frame: Buffer) => void,
  ) {}

  push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (this.pendingBytes >= this.frameBytes) {
      const joined = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
      this.onFrame(joined.subarray(0, this.frameBytes));
      const rest = joined.subarray(this.frameBytes);
      this.pending = rest.length > 0 ? [rest] : [];
      this.pendingBytes = rest.length;
    }
  }
}
