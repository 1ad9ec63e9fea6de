-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Visit" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "dateOfService" DATE NOT NULL,
    "payerId" TEXT,
    "document" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'received',
    "workflowId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "eventId" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "bodySha256" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "CodingRun" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "runKey" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "confidence" DECIMAL(4,3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CodingRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EligibilityCheck" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "checkKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EligibilityCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "patientControlNumber" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "frequencyCode" TEXT NOT NULL DEFAULT '1',
    "payerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "totalChargeCents" INTEGER NOT NULL,
    "payerClaimNumber" TEXT,
    "diagnosisCodes" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" TIMESTAMP(3),
    "acceptedAt" TIMESTAMP(3),
    "paidAt" TIMESTAMP(3),

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimLine" (
    "id" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "lineNumber" INTEGER NOT NULL,
    "lineControlNumber" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "modifiers" TEXT[],
    "units" INTEGER NOT NULL,
    "chargeCents" INTEGER NOT NULL,
    "diagnosisPointers" INTEGER[],
    "lesionId" TEXT,
    "label" TEXT NOT NULL,

    CONSTRAINT "ClaimLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "clearinghouse" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimStatusEvent" (
    "id" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "statusCode" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "sourceRef" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClaimStatusEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundDocument" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "raw" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "storedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Remittance" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "payerId" TEXT NOT NULL,
    "traceNumber" TEXT NOT NULL,
    "paymentCents" INTEGER NOT NULL,
    "paymentMethod" TEXT NOT NULL,
    "paymentDate" DATE NOT NULL,
    "providerAdjustments" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Remittance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RemittanceClaim" (
    "id" TEXT NOT NULL,
    "remittanceId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "patientControlNumber" TEXT NOT NULL,
    "claimId" TEXT,
    "statusCode" TEXT NOT NULL,
    "chargeCents" INTEGER NOT NULL,
    "paidCents" INTEGER NOT NULL,
    "patientResponsibilityCents" INTEGER NOT NULL,
    "payerClaimNumber" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "postedAt" TIMESTAMP(3),

    CONSTRAINT "RemittanceClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
    "remittanceClaimId" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "postedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Adjustment" (
    "id" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "remittanceClaimId" TEXT NOT NULL,
    "groupCode" TEXT NOT NULL,
    "reasonCode" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "lineControlNumber" TEXT,

    CONSTRAINT "Adjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "claimId" TEXT,
    "account" TEXT NOT NULL,
    "entryType" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "reasonCode" TEXT,
    "memo" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatientStatement" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "amountDueCents" INTEGER NOT NULL,
    "lines" JSONB NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PatientStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewTask" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reasons" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "resolution" JSONB,

    CONSTRAINT "ReviewTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "visitId" TEXT,
    "claimId" TEXT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "eventKey" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SandboxSubmission" (
    "idempotencyKey" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "batch" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SandboxSubmission_pkey" PRIMARY KEY ("idempotencyKey")
);

-- CreateTable
CREATE TABLE "SandboxDocument" (
    "sequence" SERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "raw" TEXT NOT NULL,
    "availableAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SandboxDocument_pkey" PRIMARY KEY ("sequence")
);

-- CreateTable
CREATE TABLE "SandboxAdjudication" (
    "patientControlNumber" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "payerId" TEXT NOT NULL,
    "claimPayment" JSONB NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "remittedDocumentId" TEXT,

    CONSTRAINT "SandboxAdjudication_pkey" PRIMARY KEY ("patientControlNumber")
);

-- CreateIndex
CREATE UNIQUE INDEX "Visit_workflowId_key" ON "Visit"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "CodingRun_runKey_key" ON "CodingRun"("runKey");

-- CreateIndex
CREATE UNIQUE INDEX "EligibilityCheck_checkKey_key" ON "EligibilityCheck"("checkKey");

-- CreateIndex
CREATE UNIQUE INDEX "Claim_patientControlNumber_key" ON "Claim"("patientControlNumber");

-- CreateIndex
CREATE INDEX "Claim_status_idx" ON "Claim"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Claim_visitId_attempt_key" ON "Claim"("visitId", "attempt");

-- CreateIndex
CREATE UNIQUE INDEX "ClaimLine_lineControlNumber_key" ON "ClaimLine"("lineControlNumber");

-- CreateIndex
CREATE UNIQUE INDEX "ClaimLine_claimId_lineNumber_key" ON "ClaimLine"("claimId", "lineNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_idempotencyKey_key" ON "Submission"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "ClaimStatusEvent_claimId_source_sourceRef_key" ON "ClaimStatusEvent"("claimId", "source", "sourceRef");

-- CreateIndex
CREATE UNIQUE INDEX "Remittance_payerId_traceNumber_key" ON "Remittance"("payerId", "traceNumber");

-- CreateIndex
CREATE INDEX "RemittanceClaim_patientControlNumber_idx" ON "RemittanceClaim"("patientControlNumber");

-- CreateIndex
CREATE UNIQUE INDEX "RemittanceClaim_remittanceId_sequence_key" ON "RemittanceClaim"("remittanceId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_remittanceClaimId_key" ON "Payment"("remittanceClaimId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_idempotencyKey_key" ON "LedgerEntry"("idempotencyKey");

-- CreateIndex
CREATE INDEX "LedgerEntry_visitId_account_idx" ON "LedgerEntry"("visitId", "account");

-- CreateIndex
CREATE UNIQUE INDEX "PatientStatement_idempotencyKey_key" ON "PatientStatement"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ReviewTask_status_idx" ON "ReviewTask"("status");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_eventKey_key" ON "AuditEvent"("eventKey");

-- CreateIndex
CREATE INDEX "AuditEvent_visitId_idx" ON "AuditEvent"("visitId");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxSubmission_submissionId_key" ON "SandboxSubmission"("submissionId");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxDocument_id_key" ON "SandboxDocument"("id");

-- CreateIndex
CREATE INDEX "SandboxAdjudication_payerId_remittedDocumentId_idx" ON "SandboxAdjudication"("payerId", "remittedDocumentId");

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CodingRun" ADD CONSTRAINT "CodingRun_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EligibilityCheck" ADD CONSTRAINT "EligibilityCheck_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimLine" ADD CONSTRAINT "ClaimLine_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimStatusEvent" ADD CONSTRAINT "ClaimStatusEvent_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Remittance" ADD CONSTRAINT "Remittance_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "InboundDocument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemittanceClaim" ADD CONSTRAINT "RemittanceClaim_remittanceId_fkey" FOREIGN KEY ("remittanceId") REFERENCES "Remittance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_remittanceClaimId_fkey" FOREIGN KEY ("remittanceClaimId") REFERENCES "RemittanceClaim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatientStatement" ADD CONSTRAINT "PatientStatement_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewTask" ADD CONSTRAINT "ReviewTask_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

