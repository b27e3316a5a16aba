// An Intl that returns a zone's name as it was given ("US/Eastern" stays "US/Eastern") instead of
// resolving it ("America/New_York"), as engines following the newer ECMA-402 rule (Firefox, Safari)
// do; Node still resolves names. Installed until the returned function puts the real one back.
export function intlReturningZoneNamesAsGiven(): () => void {
  const Real = Intl.DateTimeFormat;
  class AsGiven extends Real {
    private asked: string | undefined;
    constructor(locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
      super(locales, options);
      this.asked = options?.timeZone;
    }
    override resolvedOptions() {
      return { ...super.resolvedOptions(), ...(this.asked ? { timeZone: this.asked } : {}) };
    }
  }
  Intl.DateTimeFormat = AsGiven as unknown as typeof Intl.DateTimeFormat;
  return () => {
    Intl.DateTimeFormat = Real;
  };
}
