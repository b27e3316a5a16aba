// Demo seed content (data only). prisma/seed.ts reads these and writes them through the domain code.
export * from '@/prisma/seed-data/organizations';
export * from '@/prisma/seed-data/credentials';
export * from '@/prisma/seed-data/calibration';
export * from '@/prisma/seed-data/demo-work';
