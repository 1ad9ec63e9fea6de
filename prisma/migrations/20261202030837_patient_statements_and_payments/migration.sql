-- CreateEnum
CREATE TYPE "StatementKind" AS ENUM ('initial', 'reminder', 'final');

-- CreateEnum
CREATE TYPE "PatientPaymentMethod" AS ENUM ('card', 'cash', 'check', 'ach');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ReviewTaskKind" ADD VALUE 'patient_collections';
ALTER TYPE "ReviewTaskKind" ADD VALUE 'patient_refund';

-- AlterTable
ALTER TABLE "PatientStatement" ADD COLUMN     "cycle" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "kind" "StatementKind" NOT NULL DEFAULT 'initial',
ADD COLUMN     "snapshot" JSONB;

-- CreateTable
CREATE TABLE "PatientAccount" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "ehrPatientId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PatientAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatientPayment" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "method" "PatientPaymentMethod" NOT NULL,
    "reference" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "processorReference" TEXT,
    "ledgerEntryKey" TEXT NOT NULL,
    "receivedBy" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PatientPayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SandboxCardCharge" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "reference" TEXT,
    "approved" BOOLEAN NOT NULL,
    "declineReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SandboxCardCharge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PatientAccount_practiceId_ehrPatientId_key" ON "PatientAccount"("practiceId", "ehrPatientId");

-- CreateIndex
CREATE UNIQUE INDEX "PatientPayment_idempotencyKey_key" ON "PatientPayment"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "PatientPayment_ledgerEntryKey_key" ON "PatientPayment"("ledgerEntryKey");

-- CreateIndex
CREATE INDEX "PatientPayment_visitId_idx" ON "PatientPayment"("visitId");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxCardCharge_idempotencyKey_key" ON "SandboxCardCharge"("idempotencyKey");

-- AddForeignKey
ALTER TABLE "PatientPayment" ADD CONSTRAINT "PatientPayment_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
