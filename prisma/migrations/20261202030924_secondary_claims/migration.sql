-- CreateEnum
CREATE TYPE "PayerSequence" AS ENUM ('P', 'S', 'T');

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "coordination" JSONB,
ADD COLUMN     "payerSequence" "PayerSequence" NOT NULL DEFAULT 'P';
