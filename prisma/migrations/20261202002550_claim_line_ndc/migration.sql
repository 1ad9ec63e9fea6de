-- AlterTable
ALTER TABLE "ClaimLine" ADD COLUMN     "ndcCode" TEXT,
ADD COLUMN     "ndcQuantity" DECIMAL(12,3),
ADD COLUMN     "ndcUnit" TEXT;
