-- CreateTable
CREATE TABLE "VisitRevision" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "eventId" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "VisitRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VisitRevision_eventId_key" ON "VisitRevision"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "VisitRevision_visitId_revision_key" ON "VisitRevision"("visitId", "revision");

-- AddForeignKey
ALTER TABLE "VisitRevision" ADD CONSTRAINT "VisitRevision_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
