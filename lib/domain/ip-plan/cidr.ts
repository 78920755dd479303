import { Address4 } from 'ip-address';

/**
 * An IPv4 CIDR block held as plain integers, so the allocator can compare and step through
 * thousands of ranges cheaply. Parsing and formatting go through the `ip-address` package.
 */
export class Cidr {
  /** Parses `a.b.c.d/p`; returns a reason instead of throwing so callers can phrase their own error. */
  public static tryParse(text: string): Cidr | string {
    // No trimming: the text goes to Terraform as written, so stray spaces are an error here, not there.
    if (typeof text !== 'string' || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) {
      return 'is not an IPv4 CIDR of the form a.b.c.d/prefix';
    }
    if (!Address4.isValid(text)) return 'is not a valid IPv4 CIDR';
    const address = new Address4(text);
    const prefixLength = address.subnetMask;
    if (prefixLength < 0 || prefixLength > 32) return 'has a prefix length outside 0-32';
    const given = Number(address.bigInt());
    const network = Cidr.networkOf(given, prefixLength);
    if (network !== given) {
      return `is not aligned to its prefix length (the block containing it is ${Cidr.format(network, prefixLength)})`;
    }
    return new Cidr(network, prefixLength);
  }

  /** Parses or throws an Error carrying the reason; use tryParse to produce a ValidationError. */
  public static parse(text: string): Cidr {
    const parsed = Cidr.tryParse(text);
    if (typeof parsed === 'string') throw new Error(`${JSON.stringify(text)} ${parsed}`);
    return parsed;
  }

  public static fromNumbers(network: number, prefixLength: number): Cidr {
    return new Cidr(Cidr.networkOf(network, prefixLength), prefixLength);
  }

  private static networkOf(address: number, prefixLength: number): number {
    const size = 2 ** (32 - prefixLength);
    return Math.floor(address / size) * size;
  }

  private static format(network: number, prefixLength: number): string {
    return `${Address4.fromInteger(network).correctForm()}/${prefixLength}`;
  }

  private constructor(
    /** First address as an unsigned 32-bit integer. */
    public readonly network: number,
    public readonly prefixLength: number,
  ) {}

  /** Number of addresses in the block. */
  public get size(): number {
    return 2 ** (32 - this.prefixLength);
  }

  /** Last address as an unsigned 32-bit integer. */
  public get last(): number {
    return this.network + this.size - 1;
  }

  public contains(other: Cidr): boolean {
    return other.network >= this.network && other.last <= this.last;
  }

  public overlaps(other: Cidr): boolean {
    return this.network <= other.last && other.network <= this.last;
  }

  public equals(other: Cidr): boolean {
    return this.network === other.network && this.prefixLength === other.prefixLength;
  }

  /** The address `offset` places after the network address, e.g. the first host is offset 1. */
  public address(offset: number): string {
    if (offset < 0 || offset >= this.size) throw new Error(`offset ${offset} is outside ${this.toString()}`);
    return Address4.fromInteger(this.network + offset).correctForm();
  }

  public toString(): string {
    return Cidr.format(this.network, this.prefixLength);
  }
}

/** Orders by start address, then larger blocks first: the order used in every listing. */
export function compareCidrs(a: Cidr, b: Cidr): number {
  return a.network - b.network || a.prefixLength - b.prefixLength;
}
