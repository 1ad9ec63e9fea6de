-- AlterTable
ALTER TABLE "InboundDocument" ADD COLUMN     "findings" TEXT[] DEFAULT ARRAY[]::TEXT[];
