-- AlterTable
ALTER TABLE "InboundDocument" ADD COLUMN     "problem" TEXT;

