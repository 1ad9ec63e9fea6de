-- AlterEnum
ALTER TYPE "ReviewTaskKind" ADD VALUE 'timely_filing';

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "timelyFilingDeadline" DATE;
