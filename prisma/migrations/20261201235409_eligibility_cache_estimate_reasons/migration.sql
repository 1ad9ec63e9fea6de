-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "coverageIndex" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "estimateVarianceCents" INTEGER,
ADD COLUMN     "patientEstimate" JSONB,
ADD COLUMN     "patientEstimateCents" INTEGER,
ADD COLUMN     "payerType" TEXT,
ADD COLUMN     "priorAuthorizationNumber" TEXT;

-- AlterTable
ALTER TABLE "ReviewTask" ADD COLUMN     "reasonCodes" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "EligibilityCacheEntry" (
    "id" TEXT NOT NULL,
    "patientKey" TEXT NOT NULL,
    "payerId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "dateOfService" DATE NOT NULL,
    "weekStart" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EligibilityCacheEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EligibilityCacheEntry_patientKey_payerId_memberId_weekStart_idx" ON "EligibilityCacheEntry"("patientKey", "payerId", "memberId", "weekStart");

-- CreateIndex
CREATE UNIQUE INDEX "EligibilityCacheEntry_patientKey_payerId_memberId_dateOfSer_key" ON "EligibilityCacheEntry"("patientKey", "payerId", "memberId", "dateOfService");
