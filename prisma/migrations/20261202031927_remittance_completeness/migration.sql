-- CreateEnum
CREATE TYPE "ProviderAdjustmentCategory" AS ENUM ('interest', 'forward_balance', 'takeback', 'other');

-- AlterEnum
ALTER TYPE "ReviewTaskKind" ADD VALUE 'late_reversal';

-- AlterTable
ALTER TABLE "RemittanceClaim" ADD COLUMN     "matchedAt" TIMESTAMP(3),
ADD COLUMN     "matchedBy" TEXT,
ADD COLUMN     "patientMemberId" TEXT,
ADD COLUMN     "serviceDate" DATE;

-- CreateTable
CREATE TABLE "ProviderAdjustmentPosting" (
    "id" TEXT NOT NULL,
    "remittanceId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "reasonCode" TEXT NOT NULL,
    "reference" TEXT,
    "amountCents" INTEGER NOT NULL,
    "category" "ProviderAdjustmentCategory" NOT NULL,
    "claimId" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "postedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProviderAdjustmentPosting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SandboxForwardBalance" (
    "reference" TEXT NOT NULL,
    "runKey" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SandboxForwardBalance_pkey" PRIMARY KEY ("reference")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProviderAdjustmentPosting_idempotencyKey_key" ON "ProviderAdjustmentPosting"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ProviderAdjustmentPosting_claimId_idx" ON "ProviderAdjustmentPosting"("claimId");

-- CreateIndex
CREATE UNIQUE INDEX "ProviderAdjustmentPosting_remittanceId_sequence_key" ON "ProviderAdjustmentPosting"("remittanceId", "sequence");

-- CreateIndex
CREATE INDEX "SandboxForwardBalance_runKey_idx" ON "SandboxForwardBalance"("runKey");

-- AddForeignKey
ALTER TABLE "ProviderAdjustmentPosting" ADD CONSTRAINT "ProviderAdjustmentPosting_remittanceId_fkey" FOREIGN KEY ("remittanceId") REFERENCES "Remittance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProviderAdjustmentPosting" ADD CONSTRAINT "ProviderAdjustmentPosting_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE SET NULL ON UPDATE CASCADE;
