// The words of the public portfolio's header and of each My badges card's place on it.
import { describe, expect, it } from 'vitest';
import { badgePortfolioOutcome, badgePortfolioStatus, portfolioHeading, STILL_VERIFIABLE } from '@/components/awards/portfolio-words';

describe('portfolioHeading', () => {
  it('names the school only when given one, and counts in words', () => {
    expect(portfolioHeading({ name: 'Maya Okafor', school: 'Lakeside Middle School', credentials: 3, pdHours: 12.5 })).toEqual({
      title: 'Maya Okafor’s badges',
      description: 'Lakeside Middle School · 3 credentials, 12.5 PD hours. Every badge links to its verification page.',
    });
    expect(portfolioHeading({ name: 'Maya Okafor', school: null, credentials: 1, pdHours: 0 }).description).toBe('1 credential, 0 PD hours. Every badge links to its verification page.');
  });
});

describe('badgePortfolioStatus', () => {
  const open = { isPublic: true };
  it('a revoked badge has no control, whatever else holds', () => {
    expect(badgePortfolioStatus({ revokedAt: new Date(), hiddenFromPortfolio: true, renewed: true }, open)).toEqual({ text: 'Not on your portfolio: a revoked badge never is.', control: false });
  });
  it('a hidden badge says so first, suspended or renewed or not', () => {
    for (const extra of [{}, { suspendedAt: new Date() }, { renewed: true }]) {
      expect(badgePortfolioStatus({ hiddenFromPortfolio: true, ...extra }, open)).toEqual({ text: 'Hidden from your portfolio, and left out of its totals.', control: true });
    }
  });
  it('suspended, renewed, shown, and shown once public', () => {
    expect(badgePortfolioStatus({ suspendedAt: new Date() }, open).text).toMatch(/^Not on your portfolio while it is suspended\./);
    expect(badgePortfolioStatus({ renewed: true }, open).text).toMatch(/^Your newer badge of this credential is listed on your portfolio instead\./);
    expect(badgePortfolioStatus({}, open)).toEqual({ text: 'On your portfolio.', control: true });
    expect(badgePortfolioStatus({ hiddenFromPortfolio: false }, { isPublic: false }).text).toBe('Will be on your portfolio once you make it public.');
  });
  it('a renewed badge whose newer one is shown: that one is listed instead, and this one’s hours count', () => {
    expect(badgePortfolioStatus({ renewed: true, newestHidden: false }, open)).toEqual({
      text: 'Your newer badge of this credential is listed on your portfolio instead. This one’s PD hours still count in its total unless you hide it.',
      control: true,
    });
    expect(badgePortfolioStatus({ renewed: true }, { isPublic: false })).toEqual({
      text: 'Once you make your portfolio public, your newer badge of this credential will be listed on it instead. This one’s PD hours will count in its total unless you hide it.',
      control: true,
    });
  });
  it('a renewed badge whose newest one is hidden is not on the portfolio, public or not, and never says the newer one is listed', () => {
    expect(badgePortfolioStatus({ renewed: true, newestHidden: true }, open)).toEqual({
      text: 'Not on your portfolio: you hid your newest badge of this credential, and an older one never takes its place. This one’s PD hours still count in its total unless you hide it.',
      control: true,
    });
    expect(badgePortfolioStatus({ renewed: true, newestHidden: true }, { isPublic: false })).toEqual({
      text: 'Will not be on your portfolio once you make it public: you hid your newest badge of this credential, and an older one never takes its place. This one’s PD hours will count in its total unless you hide it.',
      control: true,
    });
    for (const isPublic of [true, false]) {
      expect(badgePortfolioStatus({ renewed: true, newestHidden: true }, { isPublic }).text).not.toMatch(/listed/);
    }
    // Hidden itself, it says so first.
    expect(badgePortfolioStatus({ renewed: true, newestHidden: true, hiddenFromPortfolio: true }, open).text).toBe('Hidden from your portfolio, and left out of its totals.');
  });
});

describe('badgePortfolioOutcome', () => {
  it('says that a hidden badge still verifies', () => {
    expect(badgePortfolioOutcome('Exit Tickets', false)).toBe(`“Exit Tickets” is now hidden from your portfolio. ${STILL_VERIFIABLE}`);
    expect(badgePortfolioOutcome('Exit Tickets', true)).toBe('“Exit Tickets” is no longer hidden from your portfolio.');
  });
});
