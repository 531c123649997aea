"""Progress report pages: ``reading`` (the list, the paper on screen and in print, the previous
quarter beside it, the Word download) and ``drafting`` (starting and writing a draft, marking
returns not received, publishing, new versions). Rules live in ``reports.services``, access in
``reports.rules``; a published paper is shown from its snapshot only."""
