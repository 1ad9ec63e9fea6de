-- Status columns become enums in place (ALTER ... USING keeps every row, where migrate diff would
-- drop and re-add the columns). Indexes on the columns are rebuilt by ALTER TYPE.
-- CreateEnum
CREATE TYPE "VisitStatus" AS ENUM ('received', 'coding', 'pathology_hold', 'eligibility', 'needs_review', 'awaiting_documentation', 'submitted', 'accepted', 'rejected', 'paid', 'denied', 'patient_billed', 'closed', 'cancelled');

-- CreateEnum
CREATE TYPE "ClaimRecordStatus" AS ENUM ('created', 'submitted', 'accepted', 'rejected', 'denied', 'reversed', 'paid');

-- CreateEnum
CREATE TYPE "ReviewTaskKind" AS ENUM ('coding_review', 'rejection', 'denial', 'pathology_overdue', 'no_payment', 'documentation_amended', 'documentation_requested');

-- CreateEnum
CREATE TYPE "ReviewTaskStatus" AS ENUM ('open', 'resolved', 'superseded');

-- AlterTable
ALTER TABLE "Visit" ALTER COLUMN "status" DROP DEFAULT,
ALTER COLUMN "status" TYPE "VisitStatus" USING "status"::"VisitStatus",
ALTER COLUMN "status" SET DEFAULT 'received';

-- AlterTable
ALTER TABLE "Claim" ALTER COLUMN "status" TYPE "ClaimRecordStatus" USING "status"::"ClaimRecordStatus";

-- AlterTable
ALTER TABLE "ReviewTask" ADD COLUMN     "assignedRole" TEXT NOT NULL DEFAULT 'biller',
ADD COLUMN     "escalatedAt" TIMESTAMP(3),
ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "kind" TYPE "ReviewTaskKind" USING "kind"::"ReviewTaskKind",
ALTER COLUMN "status" DROP DEFAULT,
ALTER COLUMN "status" TYPE "ReviewTaskStatus" USING "status"::"ReviewTaskStatus",
ALTER COLUMN "status" SET DEFAULT 'open';
