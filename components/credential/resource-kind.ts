/** A resource's kind as the credential page and the authors' preview label it. */
export const resourceKindLabel = { READING: 'Reading', VIDEO: 'Video', LINK: 'Link', ACTIVITY: 'Activity' } as const;
