-- CreateTable
CREATE TABLE "BankDeposit" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "payloadHash" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "traceNumber" TEXT NOT NULL,
    "depositDate" DATE NOT NULL,
    "payerId" TEXT,
    "recordedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankDeposit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BankDeposit_idempotencyKey_key" ON "BankDeposit"("idempotencyKey");

-- CreateIndex
CREATE INDEX "BankDeposit_traceNumber_idx" ON "BankDeposit"("traceNumber");
